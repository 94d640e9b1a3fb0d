using System.CommandLine;
using EventReview.Cli.Commands;

var root = new RootCommand("EventReview: the event-sourced system of record for systematic-review screening.")
{
    ServeCommand.Create(),
    TokenCommand.Create(),
};
return await CommandRunner.InvokeAsync(root, args);
