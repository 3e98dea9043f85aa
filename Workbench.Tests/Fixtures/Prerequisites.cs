namespace Workbench.Tests.Fixtures;

/// <summary>
/// Outside programs the tests need (PostgreSQL, Chromium, LibreOffice). In CI (CI=true) a missing
/// one fails the test; on a developer's machine the test is skipped with a loud reason.
/// </summary>
public static class Prerequisites
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server connection string (no database) of the test PostgreSQL.</summary>
    public static string PostgresServer() =>
        Setting("WORKBENCH_TEST_POSTGRES", "PostgreSQL",
            "start it (pg_ctlcluster 15 main start) and set WORKBENCH_TEST_POSTGRES=\"Host=localhost;Username=postgres;Password=postgres\"");

    /// <summary>The Chromium executable for Playwright.</summary>
    public static string Chromium() => ExistingFile("WORKBENCH_TEST_CHROMIUM", "/usr/bin/chromium", "Chromium",
        "apt-get install chromium, or set WORKBENCH_TEST_CHROMIUM to its path");

    /// <summary>LibreOffice's soffice, used as an independent xlsx reader.</summary>
    public static string Soffice() => ExistingFile("WORKBENCH_TEST_SOFFICE", "/usr/bin/soffice", "LibreOffice",
        "apt-get install libreoffice-calc-nogui, or set WORKBENCH_TEST_SOFFICE to its path");

    private static string Setting(string variable, string what, string how)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Missing(what, how);
        }
        return value!;
    }

    private static string ExistingFile(string variable, string fallback, string what, string how)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        path = string.IsNullOrWhiteSpace(path) ? fallback : path;
        if (!File.Exists(path))
        {
            Missing(what, how);
        }
        return path;
    }

    private static void Missing(string what, string how)
    {
        var message = $"{what} is not available: {how}.";
        if (IsCi)
        {
            Assert.Fail("CI requires " + message);
        }
        Assert.Skip("SKIPPED — " + message);
    }
}
