using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// Herald's own context on PostgreSQL. The model is the same; the type of its own keeps the
/// PostgreSQL migrations apart from the SQLite ones.
/// </summary>
public sealed class HeraldPostgresDbContext(DbContextOptions<HeraldPostgresDbContext> options) : HeraldDbContext(options);
