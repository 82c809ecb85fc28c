namespace Liaison.Web.Hosting;

/// <summary>The server's settings, from the <c>Liaison</c> configuration section (the CLI's <c>serve</c> sets them from its options).</summary>
public sealed class LiaisonOptions
{
    public const string Section = "Liaison";

    /// <summary>The data folder: the SQLite database, the mechanism's configuration copy and keys.</summary>
    public string Data { get; set; } = "liaison-data";

    /// <summary>When the data folder is empty, establish the demo mechanism in it.</summary>
    public bool Demo { get; set; }

    /// <summary>The configuration a demo is established with; defaults to the Israel–Syria demo shipped with the app.</summary>
    public string? DemoConfig { get; set; }

    /// <summary>The configuration file a demo uses when none is given.</summary>
    public static string DefaultDemoConfig => Path.Combine(AppContext.BaseDirectory, "config", "israel-syria.json");
}
