namespace Workbench.Core.Common;

/// <summary>What kind of failure an <see cref="Error"/> is; the API maps it to a status code, the UI to a message.</summary>
public enum ErrorKind
{
    /// <summary>Bad input from the caller: fix the request and try again.</summary>
    Invalid,
    NotFound,
    /// <summary>The caller lacks the right; the message says who can grant it.</summary>
    Forbidden,
    /// <summary>The request clashes with existing state, e.g. a key already taken.</summary>
    Conflict,
}

/// <summary>An expected failure, as a value. <see cref="Message"/> is in the current UI language.</summary>
/// <param name="Details">Field-level problems (for example each bad cell), shown as a list.</param>
public sealed record Error(ErrorKind Kind, string Code, string Message, IReadOnlyList<string>? Details = null);

/// <summary>A value or an <see cref="Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Picks the Vietnamese or the English text of a message by the current UI culture (Vietnamese unless English was chosen).</summary>
public static class Text
{
    public static bool IsEnglish => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Pick(string vietnamese, string english, params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, IsEnglish ? english : vietnamese, args);
}
