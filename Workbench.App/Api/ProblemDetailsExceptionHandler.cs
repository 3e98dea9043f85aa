using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Workbench.App.Api;

/// <summary>The one place where unexpected exceptions become responses: problem details for the API, no stack traces.</summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; nobody to answer
        }
        if (exception is BadHttpRequestException bad)
        {
            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            });
        }

        LogUnexpected(logger, exception, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Server error",
                Detail = "The server could not complete the request. It has been logged; the trace id identifies it.",
                Extensions = { ["traceId"] = context.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.TraceIdentifier },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
