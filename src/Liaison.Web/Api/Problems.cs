using Liaison.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Liaison.Web.Api;

/// <summary>The one place an <see cref="Error"/> becomes an RFC 9457 problem document: status by kind, <c>type</c> from the code.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:liaison:problem:";

    public static int StatusOf(Error error) => error switch
    {
        Error.Validation => StatusCodes.Status400BadRequest,
        Error.Unauthenticated => StatusCodes.Status401Unauthorized,
        Error.Forbidden => StatusCodes.Status403Forbidden,
        Error.NotFound => StatusCodes.Status404NotFound,
        Error.Conflict => StatusCodes.Status409Conflict,
        Error.InvalidTransition => StatusCodes.Status409Conflict,
        Error.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.GetType().Name, "Every error kind maps to a status."),
    };

    public static ProblemDetails ToProblemDetails(Error error)
    {
        var problem = new ProblemDetails
        {
            Type = TypePrefix + error.Code,
            Title = Title(error.Code),
            Status = StatusOf(error),
            Detail = error.Detail,
        };
        foreach (var (key, value) in error.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    public static ProblemHttpResult Result(Error error) => TypedResults.Problem(ToProblemDetails(error));

    public static async Task WriteAsync(HttpContext context, Error error)
    {
        var problem = ToProblemDetails(error);
        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string Title(string code) => string.Concat(code[..1].ToUpperInvariant(), code[1..].Replace('-', ' '));
}
