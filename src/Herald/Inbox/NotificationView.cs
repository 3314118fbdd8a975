using System.Text.Json;
using System.Text.Json.Serialization;
using Herald.Storage;

namespace Herald.Inbox;

/// <summary>A notification as clients see it, in the inbox API and in pushes.</summary>
public sealed record NotificationView
{
    public required Guid Id { get; init; }

    /// <summary>Place in the recipient's stream; grows by one with each notification.</summary>
    public required long Position { get; init; }

    public required string Recipient { get; init; }

    public required string Sender { get; init; }

    public required string Type { get; init; }

    public string? Title { get; init; }

    public string? Content { get; init; }

    public string? Link { get; init; }

    /// <summary>The JSON object the sender attached, written out as it was stored.</summary>
    [JsonConverter(typeof(RawJsonConverter))]
    public string? Data { get; init; }

    public required DateTime CreatedAt { get; init; }

    public DateTime? ReadAt { get; init; }

    /// <summary>When the recipient was shown it (opened the bell), UTC; null while unseen.</summary>
    public DateTime? SeenAt { get; init; }

    /// <summary>When the recipient archived it, UTC; null while it is in the inbox.</summary>
    public DateTime? ArchivedAt { get; init; }

    public static NotificationView From(StoredNotification n) => new()
    {
        Id = n.Id,
        Position = n.Position,
        Recipient = n.Recipient,
        Sender = n.Sender,
        Type = n.Type,
        Title = n.Title,
        Content = n.Content,
        Link = n.Link,
        Data = n.Data,
        CreatedAt = n.CreatedAt,
        ReadAt = n.ReadAt,
        SeenAt = n.SeenAt,
        ArchivedAt = n.ArchivedAt,
    };

    /// <summary>Writes stored JSON text as JSON, without parsing it into a document first.</summary>
    private sealed class RawJsonConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.GetRawText();
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(value, skipInputValidation: true);
            }
        }
    }
}
