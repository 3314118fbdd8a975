using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Auth;

/// <summary>JWT bearer authentication as Herald's standalone server uses it.</summary>
public static class HeraldAuthenticationExtensions
{
    /// <summary>
    /// Checks bearer tokens from the <c>Herald:Auth</c> section: an HS256 <c>SigningKey</c>, or an
    /// OpenID Connect <c>Authority</c> and <c>Audience</c>. The user id is the <c>sub</c> claim.
    /// Outside Development, a missing setting fails here, at start-up, naming what to set; in
    /// Development a random key is made for the run and <c>POST /dev/token</c> issues tokens.
    /// </summary>
    public static IServiceCollection AddHeraldJwtBearer(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment)
    {
        var settings = configuration.GetSection(HeraldAuthOptions.SectionName).Get<HeraldAuthOptions>() ?? new();
        var signing = ResolveSigning(settings, environment);

        services.Configure<HeraldAuthOptions>(configuration.GetSection(HeraldAuthOptions.SectionName));

        if (signing is not null)
        {
            services.AddSingleton(signing);
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Keep "sub" as "sub" instead of the long WS-Federation claim names.
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents { OnMessageReceived = ReadHubTokenFromQuery };

                if (signing is null)
                {
                    options.Authority = settings.Authority;
                    options.Audience = settings.Audience;
                    options.TokenValidationParameters.ClockSkew = settings.ClockSkew;
                    return;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = signing.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = settings.ClockSkew,
                    NameClaimType = "sub",
                };
            });

        services.AddAuthorization();

        // The host's request log writes every URL with its query string, and a browser's
        // WebSocket carries its token in the query string: that log stays off below Warning.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        return services;
    }

    private static TokenSigning? ResolveSigning(HeraldAuthOptions settings, IHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(settings.SigningKey))
        {
            return TokenSigning.FromSecret(settings.SigningKey);
        }

        if (!string.IsNullOrEmpty(settings.Authority))
        {
            return null;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Herald cannot check access tokens: set {HeraldAuthOptions.SectionName}:SigningKey (an HS256 secret of at least {TokenSigning.MinKeyBytes} bytes) "
                + $"or {HeraldAuthOptions.SectionName}:Authority with {HeraldAuthOptions.SectionName}:Audience (an OpenID Connect provider).");
        }

        return TokenSigning.Random();
    }

    /// <summary>
    /// Browsers cannot set headers on a WebSocket, so the hub also takes the token from the
    /// <c>access_token</c> query parameter; a header, when present, wins.
    /// </summary>
    private static Task ReadHubTokenFromQuery(MessageReceivedContext context)
    {
        var request = context.HttpContext.Request;

        if (context.Token is null
            && !request.Headers.Authorization.Any()
            && request.Path.StartsWithSegments(HubPath)
            && request.Query.TryGetValue("access_token", out var token))
        {
            context.Token = token.ToString();
        }

        return Task.CompletedTask;
    }

    internal static readonly PathString HubPath = "/hubs/notifications";
}
