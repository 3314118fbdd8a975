namespace Herald.Tests.Infrastructure;

/// <summary>User ids that no other test uses, so each test owns its data.</summary>
public static class Users
{
    public static string New(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}
