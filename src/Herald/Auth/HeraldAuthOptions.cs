namespace Herald.Auth;

/// <summary>
/// How Herald checks bearer tokens: with a shared signing key (HS256), or with an OpenID
/// Connect authority. One of the two must be set outside the Development environment.
/// Bound from the <c>Herald:Auth</c> configuration section.
/// </summary>
public sealed class HeraldAuthOptions
{
    public const string SectionName = "Herald:Auth";

    /// <summary>The HS256 signing secret, at least 32 bytes as UTF-8. Unset by default.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The issuer that HS256 tokens must carry and dev tokens are given. Default <c>herald</c>.</summary>
    public string Issuer { get; set; } = "herald";

    /// <summary>The audience tokens must carry. Default <c>herald</c>.</summary>
    public string Audience { get; set; } = "herald";

    /// <summary>An OpenID Connect authority (its metadata gives the signing keys). Unset by default.</summary>
    public string? Authority { get; set; }

    /// <summary>How long a token from <c>POST /dev/token</c> lives. Default 12 h.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Tolerance for clocks that disagree when checking expiry. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
