using System.Security.Claims;

namespace Herald.Auth;

/// <summary>The OAuth scopes Herald knows.</summary>
public static class HeraldScopes
{
    /// <summary>A service that may send on anyone's behalf and set <c>sender</c> freely.</summary>
    public const string Send = "notifications.send";

    /// <summary>A service that may send to every user at once, an operator's announcement.</summary>
    public const string Broadcast = "notifications.broadcast";

    /// <summary>
    /// Whether the principal was granted <paramref name="scope"/>, in a space-separated
    /// <c>scope</c> claim or in <c>scp</c> claims.
    /// </summary>
    public static bool Has(ClaimsPrincipal principal, string scope) =>
        principal.FindAll("scope").Concat(principal.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
