using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Herald.Storage;

namespace Herald;

/// <summary>Settings that every part of Herald shares.</summary>
public sealed class HeraldOptions
{
    /// <summary>
    /// The claim that holds the signed-in user's id; with JWT bearer tokens that is <c>sub</c>.
    /// Default <c>sub</c>.
    /// </summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>
    /// The most notifications a reconnecting client is replayed. A client further behind is
    /// told to reload its inbox instead. Default 500.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxReplay { get; set; } = 500;

    /// <summary>
    /// The signed-in user's id, or null when the principal carries none, or one that is blank or
    /// longer than a stored user id may be.
    /// </summary>
    public string? UserIdOf(ClaimsPrincipal? user)
    {
        var id = user?.FindFirst(UserIdClaim)?.Value;
        return string.IsNullOrWhiteSpace(id) || id.Length > HeraldModelBuilderExtensions.UserIdMaxLength ? null : id;
    }

    /// <summary>The authorization policy of every Herald route: a signed-in user with a usable id.</summary>
    public const string UserPolicy = "herald.user";
}
