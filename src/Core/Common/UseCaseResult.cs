namespace CareDialog.Core.Common;

public enum ErrorKind { Invalid, NotFound, Forbidden, Conflict }

/// <summary>The one failure shape every use case returns, so the UI and the HTTP edge report it the same way.</summary>
public sealed record UseCaseError(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static UseCaseError Invalid(string message, string? field = null) =>
        new(ErrorKind.Invalid, message, field is null ? null : new Dictionary<string, string[]> { [field] = [message] });
    public static UseCaseError NotFound(string what) => new(ErrorKind.NotFound, $"{what} was not found.");
    public static UseCaseError Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static UseCaseError Conflict(string message) => new(ErrorKind.Conflict, message);
}

public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, UseCaseError? error)
    {
        _value = value;
        Error = error;
    }

    public UseCaseError? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error!.Message}");

    public static Result<T> Ok(T value) => new(value, null);
    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(UseCaseError error) => new(default, error);
}
