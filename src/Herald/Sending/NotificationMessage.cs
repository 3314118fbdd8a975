using System.Text.Json;

namespace Herald.Sending;

/// <summary>A notification to send to one recipient, as given by the caller.</summary>
public sealed class NotificationMessage
{
    /// <summary>The user id of the recipient. Required.</summary>
    public string? Recipient { get; set; }

    /// <summary>
    /// Who sends it. Trusted code in the host sets it freely; over HTTP only a service token
    /// may set it, and a user's send always carries that user's id.
    /// </summary>
    public string? Sender { get; set; }

    /// <summary>A short token matching <c>[a-z0-9._-]{1,64}</c>, such as <c>approval</c>. Required.</summary>
    public string? Type { get; set; }

    /// <summary>Up to 200 characters. A title, a content or both must be given.</summary>
    public string? Title { get; set; }

    /// <summary>Up to 4000 characters of plain text (never rendered as HTML).</summary>
    public string? Content { get; set; }

    /// <summary>Where a click leads: a path starting with <c>/</c>, or an http or https URL.</summary>
    public string? Link { get; set; }

    /// <summary>An optional JSON object for the client, at most 16 KB as UTF-8.</summary>
    public JsonElement? Data { get; set; }
}
