using System.Security.Cryptography;

namespace Workbench.Infrastructure.Identity;

/// <summary>
/// Passwords an administrator hands over (on paper or by phone) until the user picks their own: 14 characters that meet
/// the password policy (upper, lower, digit, symbol), without the look-alikes 0/O, 1/l/I.
/// </summary>
public static class TemporaryPasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#-!";
    private const int Length = 14;

    public static string New()
    {
        var all = Upper + Lower + Digits + Symbols;
        var chars = new List<char> { Pick(Upper), Pick(Lower), Pick(Digits), Pick(Symbols) };
        while (chars.Count < Length)
        {
            chars.Add(Pick(all));
        }
        // Shuffled, so the classes do not always sit at the start.
        var shuffled = chars.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
