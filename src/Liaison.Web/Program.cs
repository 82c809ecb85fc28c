using Liaison.Web.Hosting;

var app = LiaisonWebHost.Build(args);
await app.Services.PrepareMechanismAsync(app.Lifetime.ApplicationStopping);
app.Run();

/// <summary>The web host's entry point; public so tests can start the real app with WebApplicationFactory.</summary>
public partial class Program;
