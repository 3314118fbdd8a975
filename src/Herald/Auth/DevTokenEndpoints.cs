using Herald.Http;
using Herald.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Auth;

/// <summary><c>POST /dev/token</c>: tokens for the demo page and for trying the API by hand.</summary>
public static class DevTokenEndpoints
{
    /// <summary>
    /// Maps the token endpoint in the Development environment when tokens are checked with a
    /// signing key; anywhere else it maps nothing, so the route does not exist.
    /// </summary>
    public static IEndpointRouteBuilder MapHeraldDevTokens(this IEndpointRouteBuilder endpoints)
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var signing = endpoints.ServiceProvider.GetService<TokenSigning>();

        if (environment.IsDevelopment() && signing is not null)
        {
            endpoints.MapPost("/dev/token", IssueAsync)
                .Accepts<DevTokenRequest>("application/json")
                .Produces<DevTokenResponse>()
                .ProducesValidationProblem()
                .AllowAnonymous()
                .WithTags("Development")
                .WithSummary("Issues a signed token for any user (Development only).");
        }

        return endpoints;
    }

    private static async Task<IResult> IssueAsync(
        HttpRequest http,
        TokenSigning signing,
        IOptions<HeraldAuthOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<DevTokenRequest>(http, cancellationToken);

        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();

        if (string.IsNullOrWhiteSpace(request!.User) || request.User.Length > HeraldModelBuilderExtensions.UserIdMaxLength)
        {
            errors["user"] = [$"The user is 1 to {HeraldModelBuilderExtensions.UserIdMaxLength} characters."];
        }

        if (request.Scopes?.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ')) == true)
        {
            errors["scopes"] = ["A scope is a non-empty word without spaces."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = request.User! };

        if (request.Scopes is { Length: > 0 } scopes)
        {
            claims["scope"] = string.Join(' ', scopes);
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(signing.Key, SecurityAlgorithms.HmacSha256),
        });

        return TypedResults.Ok(new DevTokenResponse(token));
    }

    /// <summary>Who the token is for, and the scopes it grants.</summary>
    public sealed record DevTokenRequest(string? User, string[]? Scopes);

    /// <summary>A signed bearer token.</summary>
    public sealed record DevTokenResponse(string Token);
}
