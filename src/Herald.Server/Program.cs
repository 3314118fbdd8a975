using Herald;
using Herald.Auth;
using Herald.Server;

var builder = WebApplication.CreateBuilder(args);

var herald = builder.Configuration.GetSection("Herald");

builder.Services.AddHerald(herald)
    .UseStorage(herald.GetSection("Storage"), defaultSqliteConnectionString: "Data Source=data/herald.db")
    .UseRedisIfConfigured(herald.GetSection("Redis"));
builder.Services.AddHeraldJwtBearer(builder.Configuration, builder.Environment);
builder.Services.AddHeraldOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapHerald();
app.MapHeraldDevTokens();
app.MapHeraldOpenApi();
app.MapHeraldHealth();

app.Run();

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
