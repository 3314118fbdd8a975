using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Auth;

/// <summary>The resolved HS256 key, when Herald checks tokens with a shared secret.</summary>
internal sealed class TokenSigning(SymmetricSecurityKey key, bool generated)
{
    public const int MinKeyBytes = 32;

    public SymmetricSecurityKey Key { get; } = key;

    /// <summary>True when no key was configured and a random one was made for this run.</summary>
    public bool Generated { get; } = generated;

    public static TokenSigning FromSecret(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);

        if (bytes.Length < MinKeyBytes)
        {
            throw new InvalidOperationException(
                $"{HeraldAuthOptions.SectionName}:SigningKey is {bytes.Length} bytes long; HS256 needs a secret of at least {MinKeyBytes} bytes.");
        }

        return new TokenSigning(new SymmetricSecurityKey(bytes), generated: false);
    }

    public static TokenSigning Random() =>
        new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinKeyBytes * 2)), generated: true);
}
