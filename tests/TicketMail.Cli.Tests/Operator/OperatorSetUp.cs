using TicketMail.TestKit;

namespace TicketMail.Cli.Tests.Operator;

/// <summary>Shared set-up for the operator tests: a fresh database on the provider and a CLI bound to it.</summary>
internal static class OperatorSetUp
{
    public static async Task<(TestDatabase Db, TicketMail.TestKit.Cli Cli)> For(string provider, PostgresServer postgres, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var db = await TestDatabase.CreateAsync(provider, postgres);
        return (db, TicketMail.TestKit.Cli.For(db.ConnectionString, extra: extra));
    }

    public static string Fixture(string relative) => RepoPaths.Fixture(relative);

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
