namespace TicketMail.Cli.Infrastructure;

/// <summary>Exit codes from sysexits.h, which Postfix's pipe transport and scripts understand.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int NoInput = 66;
    public const int Software = 70;
    public const int CantCreate = 73;
    public const int IoError = 74;
    public const int TempFail = 75;
    public const int NoPermission = 77;
    public const int Config = 78;

    /// <summary>Which failure matters most when a batch ends with several: a temporary one must be retried.</summary>
    public static int Worst(int a, int b)
    {
        static int Rank(int code) => code switch
        {
            Ok => 0,
            TempFail => 6,
            Config => 5,
            IoError => 4,
            Software => 3,
            _ => 2,
        };

        return Rank(b) > Rank(a) ? b : a;
    }
}
