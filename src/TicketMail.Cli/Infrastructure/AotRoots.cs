using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace TicketMail.Cli.Infrastructure;

/// <summary>
/// Generic instantiations that EF Core makes by reflection (MakeGenericMethod) and that the Native AOT compiler
/// cannot see. Without <c>ValueComparer.CreateDefault&lt;DateTime&gt;</c> the SQLite compiled model crashes at
/// start-up with "missing native code"; the other value types of our model (and DateTimeOffset, which the shared
/// AOT notes saw) are rooted too, so that a model change cannot bring the crash back unseen.
/// The parameter types of the queries' <c>list.Contains(column)</c>, which EF builds by MakeGenericType, are
/// rooted in AotRoots.rd.xml (a DynamicDependency on a closed generic type does not do it): without them a
/// reply fails on SQLite
/// (JsonCollectionOfStructsReaderWriter&lt;List&lt;Guid&gt;, Guid&gt;) and on PostgreSQL
/// (NpgsqlArrayTypeMapping&lt;List&lt;long&gt;, List&lt;long&gt;, long&gt;) with "missing native code or metadata".
/// </summary>
public static class AotRoots
{
    /// <summary>Called first thing in Main; does nothing at run time.</summary>
    public static void Keep()
    {
        // A condition no compiler can fold: the calls below are compiled into the binary but never run.
        if (Environment.ProcessorCount > 0)
        {
            return;
        }

        _ = ValueComparer.CreateDefault<bool>(false);
        _ = ValueComparer.CreateDefault<int>(false);
        _ = ValueComparer.CreateDefault<long>(false);
        _ = ValueComparer.CreateDefault<Guid>(false);
        _ = ValueComparer.CreateDefault<DateTime>(false);
        _ = ValueComparer.CreateDefault<DateTimeOffset>(false);
        _ = ValueComparer.CreateDefault<bool?>(false);
        _ = ValueComparer.CreateDefault<int?>(false);
        _ = ValueComparer.CreateDefault<long?>(false);
        _ = ValueComparer.CreateDefault<Guid?>(false);
        _ = ValueComparer.CreateDefault<DateTime?>(false);
        _ = ValueComparer.CreateDefault<DateTimeOffset?>(false);
    }
}
