using System.CommandLine;

namespace EventReview.Cli.Commands;

/// <summary>Runs the parsed command and turns any failure into one line on stderr and a non-zero exit.</summary>
public static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync("eventreview: " + OneLine(ex));
            return 1;
        }
    }

    public static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner is AggregateException { InnerException: { } next }) inner = next;
        return inner.Message.ReplaceLineEndings(" ");
    }
}
