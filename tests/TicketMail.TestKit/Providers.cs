using Xunit;

namespace TicketMail.TestKit;

/// <summary>Theory data: every persistence test runs once per provider.</summary>
public sealed class Providers : TheoryData<string>
{
    public Providers()
    {
        Add(TestDatabase.Sqlite);
        Add(TestDatabase.Postgres);
    }
}
