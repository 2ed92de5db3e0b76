using System.CommandLine;
using CareDialog.Cli.Features.Audit;
using CareDialog.Cli.Features.Lint;
using CareDialog.Cli.Features.Triage;

namespace CareDialog.Cli;

/// <summary>Exit codes are part of the contract in design.md: 0 pass or warn, 1 blocked, 2 bad input (audit verify: 1 = chain broken).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Blocked = 1;
    public const int BadInput = 2;
}

/// <summary>The command tree; streams are parameters so tests run the real CLI in-process.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("CareDialog: check healthcare social media content against the law and patient privacy.");
        root.Subcommands.Add(LintCommand.Create(stdin, stdout, stderr));
        root.Subcommands.Add(TriageCommand.Create(stdin, stdout, stderr));
        root.Subcommands.Add(AuditCommand.Create(stdout, stderr));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        catch (IOException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }
}
