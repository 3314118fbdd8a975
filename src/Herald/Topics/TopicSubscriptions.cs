using Herald.Sending;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Topics;

/// <summary>
/// Who is subscribed to which topic. A send to a topic reaches the users subscribed when the
/// dispatcher's fan-out reaches them; a subscription is not a notification and pushes nothing.
/// </summary>
public sealed class TopicSubscriptions(HeraldStore store, TimeProvider time)
{
    public const int MaxUsersPerCall = 1000;

    /// <summary>
    /// Subscribes the users to the topic; returns how many were not subscribed yet. The users
    /// become known to Herald, so a send to every user reaches them too.
    /// </summary>
    /// <exception cref="NotificationValidationException">The topic or a user id breaks a rule; nothing was stored.</exception>
    public async Task<int> SubscribeAsync(string topic, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var errors = Validate(topic, users);

        if (errors.Count > 0)
        {
            throw new NotificationValidationException(errors);
        }

        var distinct = users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var now = StoredTime.Now(time);
        var database = store.Context.Database;
        var owned = database.CurrentTransaction is null;
        await using var transaction = owned ? await database.BeginTransactionAsync(cancellationToken) : null;

        var added = await RowInserts.InsertAsync(
            store,
            "herald_topic_subscriptions (topic, user_id, created_at)",
            distinct,
            user => [topic, user, now],
            cancellationToken,
            onConflict: "ON CONFLICT (topic, user_id) DO NOTHING");
        await StreamPositions.EnsureAsync(store, distinct, cancellationToken);

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>Ends a user's subscription; returns whether there was one.</summary>
    public async Task<bool> UnsubscribeAsync(string topic, string user, CancellationToken cancellationToken) =>
        await store.TopicSubscriptions
            .Where(t => t.Topic == topic && t.UserId == user)
            .ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The topics a user is subscribed to, in name order.</summary>
    public Task<List<string>> TopicsOfAsync(string user, CancellationToken cancellationToken) =>
        store.TopicSubscriptions.AsNoTracking()
            .Where(t => t.UserId == user)
            .OrderBy(t => t.Topic)
            .Select(t => t.Topic)
            .ToListAsync(cancellationToken);

    private static Dictionary<string, string[]> Validate(string topic, IReadOnlyList<string> users)
    {
        var errors = new Dictionary<string, string[]>();

        if (NotificationValidator.TopicProblem(topic) is { } topicProblem)
        {
            errors["topic"] = [topicProblem];
        }

        if (users.Count is 0 or > MaxUsersPerCall)
        {
            errors["users"] = [$"Give 1 to {MaxUsersPerCall} user ids."];
        }

        for (var i = 0; i < users.Count; i++)
        {
            if (NotificationValidator.UserIdProblem(users[i]) is { } userProblem)
            {
                errors[$"users[{i}]"] = [userProblem];
            }
        }

        return errors;
    }
}
