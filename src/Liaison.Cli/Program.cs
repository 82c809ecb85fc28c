namespace Liaison.Cli;

/// <summary>The <c>liaison</c> executable.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var context = new CliContext(Console.Out, Console.Error, Console.In, Client.ProfileStore.DefaultDirectory(), TimeProvider.System);
        return await CliApp.RunAsync(args, context, cancel.Token);
    }
}
