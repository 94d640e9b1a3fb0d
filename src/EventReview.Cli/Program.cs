using System.CommandLine;
using EventReview.Cli.Commands;

var root = new RootCommand("EventReview: the event-sourced system of record for systematic-review screening.")
{
    ServeCommand.Create(),
    TokenCommand.Create(),
    ParseCommand.Create(),
    AgreementCommand.Create(),
    VerifyCommand.Create(),
    CheckpointCommand.Create(),
    ProveCommand.Create(),
    ExportCommand.Create(),
    ImportLogCommand.Create(),
    ImportDecisionsCommand.Create(),
    RebuildCommand.Create(),
    DemoCommand.Create(),
    MigrateCommand.Create(),
    BackupCommand.Create(),
    BackupCommand.CreateRestore(),
    CodegenCommand.Create(),
};
return await CommandRunner.InvokeAsync(root, args);
