namespace TicketMail.TestKit;

/// <summary>Finds the repository (the folder with TicketMail.sln) from wherever the tests run.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Fixture(string relative) => Path.Combine(Fixtures, relative);

    public static byte[] FixtureBytes(string relative) => File.ReadAllBytes(Fixture(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TicketMail.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find TicketMail.sln above " + AppContext.BaseDirectory);
    }
}
