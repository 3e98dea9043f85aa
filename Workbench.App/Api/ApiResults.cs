using Workbench.Core.Common;
using Workbench.Infrastructure.Query;

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

    /// <summary>RFC 7807 with the pipeline's errors as <c>errors: [ { step, field, message, position } ]</c>.</summary>
    public static IResult Problem(QueryError error)
    {
        var (status, title) = error switch
        {
            { Code: QueryError.TimeoutCode } => (StatusCodes.Status504GatewayTimeout, "Query timeout"),
            { Kind: ErrorKind.Forbidden } => (StatusCodes.Status403Forbidden, "Forbidden"),
            { Kind: ErrorKind.NotFound } => (StatusCodes.Status404NotFound, "Not found"),
            { Kind: ErrorKind.Conflict } => (StatusCodes.Status409Conflict, "Conflict"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        var errors = error.Errors.Count > 0
            ? error.Errors.Select(PipelineErrorDto.From).ToList()
            : [new PipelineErrorDto(null, "", error.Message, null)];
        return Results.Problem(statusCode: status, title: title, detail: error.Message, extensions: new Dictionary<string, object?>
        {
            ["code"] = error.Code,
            ["errors"] = errors,
        });
    }
}
