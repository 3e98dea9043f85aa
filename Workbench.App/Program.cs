using Workbench.App;
using Workbench.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddWorkbenchInfrastructure();
builder.AddWorkbenchWeb();

var app = builder.Build();

await app.InitializeWorkbenchAsync();
app.UseWorkbenchWeb();
app.MapWorkbenchWeb();

app.Run();

/// <summary>The entry point; public so tests can host the app.</summary>
public partial class Program;
