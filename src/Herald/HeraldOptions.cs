using System.Security.Claims;

namespace Herald;

/// <summary>Settings that every part of Herald shares.</summary>
public sealed class HeraldOptions
{
    /// <summary>
    /// The claim that holds the signed-in user's id; with JWT bearer tokens that is <c>sub</c>.
    /// Default <c>sub</c>.
    /// </summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>The signed-in user's id, or null when the principal carries none.</summary>
    public string? UserIdOf(ClaimsPrincipal? user)
    {
        var id = user?.FindFirst(UserIdClaim)?.Value;
        return string.IsNullOrEmpty(id) ? null : id;
    }
}
