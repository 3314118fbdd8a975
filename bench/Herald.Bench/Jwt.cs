using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Bench;

/// <summary>HS256 tokens as Herald's server checks them: issuer and audience "herald", the user in <c>sub</c>.</summary>
internal static class Jwt
{
    /// <param name="scope">Space-separated scopes, such as <c>notifications.broadcast</c>, or none.</param>
    public static string Sign(string user, string key, string? scope = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Part(new { alg = "HS256", typ = "JWT" });
        var payload = scope is null
            ? Part(new { sub = user, iss = "herald", aud = "herald", iat = now - 60, nbf = now - 60, exp = now + 3600 })
            : Part(new { sub = user, iss = "herald", aud = "herald", iat = now - 60, nbf = now - 60, exp = now + 3600, scope });
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
