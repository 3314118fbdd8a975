using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Herald.Server;

/// <summary>The OpenAPI document of Herald's HTTP API, and a page to browse it.</summary>
internal static class OpenApiExtensions
{
    public static IServiceCollection AddHeraldOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Herald";
            document.Info.Description = "Send notifications, read the inbox, and mark read state. "
                + "Every call takes a bearer token; the hub is at /hubs/notifications.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));

    /// <summary>Maps the document at <c>/openapi/v1.json</c> and the reference page at <c>/docs</c>.</summary>
    public static WebApplication MapHeraldOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        // No web fonts: the page must work on a machine without internet access.
        app.MapScalarApiReference("/docs", options => options.WithTitle("Herald API").DisableDefaultFonts());
        return app;
    }
}
