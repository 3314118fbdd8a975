using ApprovalFlow;
using Herald;
using Herald.Auth;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
var approvals = builder.Configuration.GetConnectionString("Approvals")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Approvals, such as Data Source=data/approvals.db.");

// Herald stores its notifications in the sample's own context, so a send joins the
// transaction of the decision it announces.
builder.Services.AddDbContext<ApprovalDb>(options =>
    options.UseSqlite(DatabaseSetup.InContentRoot(approvals, builder.Environment.ContentRootPath)));
builder.Services.AddHerald(builder.Configuration.GetSection("Herald")).UseEntityFramework<ApprovalDb>();
builder.Services.AddHeraldJwtBearer(builder.Configuration, builder.Environment);
builder.Services.AddScoped<Approvals>();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapHerald();
app.MapHeraldDevTokens();
app.MapRequests();

await app.RunAsync();

/// <summary>
/// Internal on purpose: the SDK would make it public, and the tests, which also host
/// Herald.Server's public Program, find this app through <see cref="ApprovalDb"/> instead.
/// </summary>
internal partial class Program;
