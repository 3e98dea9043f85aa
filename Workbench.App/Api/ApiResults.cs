using Workbench.Core.Common;

namespace Workbench.App.Api;

/// <summary>Turns errors into RFC 7807 problem details with the list in <c>errors</c>.</summary>
public static class ApiResults
{
    public static IResult Problem(Error error) => Results.Problem(
        statusCode: error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        },
        title: error.Kind switch
        {
            ErrorKind.NotFound => "Not found",
            ErrorKind.Forbidden => "Forbidden",
            ErrorKind.Conflict => "Conflict",
            _ => "Invalid request",
        },
        detail: error.Message,
        extensions: new Dictionary<string, object?>
        {
            ["code"] = error.Code,
            ["errors"] = (error.Details ?? [error.Message]).Select(message => new { message }).ToList(),
        });

    public static IResult Problem(ErrorKind kind, string code, string message) => Problem(new Error(kind, code, message));
}
