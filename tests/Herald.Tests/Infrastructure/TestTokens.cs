using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Tests.Infrastructure;

/// <summary>Signs bearer tokens the way an identity provider sharing Herald's key would.</summary>
public static class TestTokens
{
    public const string SigningKey = "herald-tests-signing-key-0123456789-abcdefghij";

    public static string For(string user, params string[] scopes) =>
        Create(user, scopes, DateTime.UtcNow.AddHours(1), SigningKey);

    public static string Expired(string user) =>
        Create(user, [], DateTime.UtcNow.AddMinutes(-10), SigningKey, issuedAt: DateTime.UtcNow.AddMinutes(-20));

    public static string SignedWithOtherKey(string user) =>
        Create(user, [], DateTime.UtcNow.AddHours(1), "some-other-signing-key-that-herald-does-not-know");

    private static string Create(string user, string[] scopes, DateTime expires, string key, DateTime? issuedAt = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = user };

        if (scopes.Length > 0)
        {
            claims["scope"] = string.Join(' ', scopes);
        }

        var issued = issuedAt ?? DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "herald",
            Audience = "herald",
            Claims = claims,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
