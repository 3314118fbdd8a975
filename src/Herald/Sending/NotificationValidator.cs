using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Herald.Storage;

namespace Herald.Sending;

/// <summary>The rules a notification must meet before anything of its batch is stored.</summary>
public static partial class NotificationValidator
{
    public const int MaxBatchSize = 1000;
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 4000;
    public const int MaxLinkLength = 2048;
    public const int MaxDataBytes = 16 * 1024;

    /// <summary>
    /// Checks a whole batch and returns every problem found, keyed by field path
    /// (<c>notifications[3].title</c>); an empty result means the batch may be stored.
    /// </summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<NotificationMessage?> batch)
    {
        var errors = new Dictionary<string, string[]>();

        if (batch.Count == 0)
        {
            errors["notifications"] = ["Send at least one notification."];
            return errors;
        }

        if (batch.Count > MaxBatchSize)
        {
            errors["notifications"] = [$"Send at most {MaxBatchSize} notifications at once; this batch has {batch.Count}."];
            return errors;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            ValidateOne(batch[i], $"notifications[{i}]", errors, audience: false);
        }

        return errors;
    }

    /// <summary>
    /// Checks the one notification of a send to a topic or to every user, keyed by field path
    /// (<c>notification.title</c>): the rules of a batch's items, but it names no recipient.
    /// </summary>
    public static Dictionary<string, string[]> ValidateForAudience(NotificationMessage? notification)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateOne(notification, "notification", errors, audience: true);
        return errors;
    }

    /// <summary>What is wrong with a topic name, or null when it may be used.</summary>
    public static string? TopicProblem(string? topic) =>
        topic is not null && TopicPattern().IsMatch(topic)
            ? null
            : $"A topic is 1 to {HeraldModelBuilderExtensions.TopicMaxLength} characters of letters, digits and . _ : - "
                + "(for example project:42), starting with a letter or digit.";

    /// <summary>What is wrong with a user id, or null when it may be used.</summary>
    public static string? UserIdProblem(string? user) =>
        string.IsNullOrWhiteSpace(user) || user.Length > HeraldModelBuilderExtensions.UserIdMaxLength || user.Any(char.IsControl)
            ? $"A user id is 1 to {HeraldModelBuilderExtensions.UserIdMaxLength} characters, not only spaces, without control characters."
            : null;

    /// <summary>What is wrong with an idempotency key, or null when it may be used.</summary>
    /// <remarks>
    /// A comma is refused because HTTP joins repeated header lines with one: "a, b" may be two
    /// keys.
    /// </remarks>
    public static string? IdempotencyKeyProblem(string key) =>
        key.Length is 0 or > HeraldModelBuilderExtensions.IdempotencyKeyMaxLength
            || key.Any(c => c is < ' ' or > '~' or ',') || string.IsNullOrWhiteSpace(key)
            ? $"An idempotency key is 1 to {HeraldModelBuilderExtensions.IdempotencyKeyMaxLength} printable ASCII characters, without commas."
            : null;

    /// <summary>Whether <paramref name="type"/> is a valid notification type token.</summary>
    public static bool IsValidType(string? type) => type is not null && TypePattern().IsMatch(type);

    private static void ValidateOne(NotificationMessage? n, string path, Dictionary<string, string[]> errors, bool audience)
    {
        if (n is null)
        {
            errors[path] = ["A notification must be a JSON object."];
            return;
        }

        if (audience)
        {
            if (n.Recipient is not null)
            {
                errors[$"{path}.recipient"] = ["A send to a topic or to every user names no recipient."];
            }
        }
        else if (string.IsNullOrWhiteSpace(n.Recipient))
        {
            errors[$"{path}.recipient"] = ["The recipient is required."];
        }
        else if (n.Recipient.Length > HeraldModelBuilderExtensions.UserIdMaxLength)
        {
            errors[$"{path}.recipient"] = [$"The recipient is at most {HeraldModelBuilderExtensions.UserIdMaxLength} characters."];
        }
        else if (n.Recipient.Any(char.IsControl))
        {
            errors[$"{path}.recipient"] = ["The recipient holds no control characters."];
        }

        if (n.Sender is not null
            && (string.IsNullOrWhiteSpace(n.Sender) || n.Sender.Length > HeraldModelBuilderExtensions.UserIdMaxLength
                || n.Sender.Any(char.IsControl)))
        {
            errors[$"{path}.sender"] = [$"The sender is 1 to {HeraldModelBuilderExtensions.UserIdMaxLength} characters, not only spaces, without control characters."];
        }

        if (!IsValidType(n.Type))
        {
            errors[$"{path}.type"] = ["The type is required and matches [a-z0-9._-]{1,64}."];
        }

        if (string.IsNullOrWhiteSpace(n.Title) && string.IsNullOrWhiteSpace(n.Content))
        {
            errors[$"{path}.title"] = ["Give a title, a content, or both."];
        }
        else if (n.Title?.Length > MaxTitleLength)
        {
            errors[$"{path}.title"] = [$"The title is at most {MaxTitleLength} characters; this one has {n.Title.Length}."];
        }

        if (n.Content?.Length > MaxContentLength)
        {
            errors[$"{path}.content"] = [$"The content is at most {MaxContentLength} characters; this one has {n.Content.Length}."];
        }

        if (n.Link is not null && !IsSafeLink(n.Link))
        {
            errors[$"{path}.link"] = [$"The link is a path starting with '/' or an http or https URL, at most {MaxLinkLength} characters."];
        }

        if (n.Data is { } data && data.ValueKind != JsonValueKind.Null)
        {
            if (data.ValueKind != JsonValueKind.Object)
            {
                errors[$"{path}.data"] = ["The data is a JSON object."];
            }
            else if (DataBytes(data) is not { } bytes)
            {
                errors[$"{path}.data"] = ["The data holds text that is not valid UTF-8."];
            }
            else if (bytes > MaxDataBytes)
            {
                errors[$"{path}.data"] = [$"The data is at most {MaxDataBytes} bytes of JSON; this is {bytes}."];
            }
        }
    }

    /// <summary>
    /// The size of the data as the UTF-8 JSON it was sent as, or null when that is not valid
    /// UTF-8; read from the parsed bytes in place, without a copy.
    /// </summary>
    private static int? DataBytes(JsonElement data)
    {
        var raw = JsonMarshal.GetRawUtf8Value(data);
        return Utf8.IsValid(raw) ? raw.Length : null;
    }

    /// <summary>
    /// A link is safe when a browser following it stays on this site (a rooted path) or goes to
    /// an http(s) URL; <c>javascript:</c>, <c>data:</c> and protocol-relative links are refused.
    /// </summary>
    internal static bool IsSafeLink(string link)
    {
        if (link.Length == 0 || link.Length > MaxLinkLength
            || char.IsWhiteSpace(link[0]) || char.IsWhiteSpace(link[^1]) || link.Any(char.IsControl))
        {
            return false;
        }

        if (link[0] == '/')
        {
            // "//host" and "/\host" are read by browsers as another site without a scheme.
            return link.Length == 1 || (link[1] != '/' && link[1] != '\\');
        }

        return Uri.TryCreate(link, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TopicPattern();

    // \z, not $: a "$" would let a trailing newline through.
    [GeneratedRegex(@"^[a-z0-9._-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
