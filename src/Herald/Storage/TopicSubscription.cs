namespace Herald.Storage;

/// <summary>A user's subscription to a topic: a send to the topic reaches the user.</summary>
public sealed class TopicSubscription
{
    public required string Topic { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
