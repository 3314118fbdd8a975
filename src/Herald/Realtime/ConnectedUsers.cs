using System.Collections.Concurrent;

namespace Herald.Realtime;

/// <summary>The hub connections open on this node, by user; the hub keeps it up to date.</summary>
public sealed class ConnectedUsers
{
    private readonly ConcurrentDictionary<string, string> _users = new();

    internal void Add(string connectionId, string user) => _users[connectionId] = user;

    internal void Remove(string connectionId) => _users.TryRemove(connectionId, out _);

    /// <summary>How many connections are open on this node.</summary>
    public int Count => _users.Count;

    /// <summary>Each user with a connection open here, and those connections' ids.</summary>
    internal Dictionary<string, List<string>> ByUser() =>
        _users.GroupBy(c => c.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Key).ToList(), StringComparer.Ordinal);
}
