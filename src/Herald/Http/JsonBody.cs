using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Herald.Http;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong gets a problem answer that names
/// the field, instead of the framework's bare 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request,
        CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                title: "The body must be JSON.",
                detail: "Send the request with Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (!HasKnownCharset(request))
        {
            return (null, TypedResults.Problem(
                title: "The body's charset is not supported.",
                detail: "Send JSON as UTF-8: Content-Type: application/json; charset=utf-8.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null
                ? (null, Invalid("$", "The body is empty or null; a JSON object is expected."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Invalid(FieldOf(exception.Path), "This is not valid JSON here, or not of the expected type."));
        }
        catch (BadHttpRequestException exception)
        {
            return (null, TypedResults.Problem(title: exception.Message, statusCode: exception.StatusCode));
        }

    }

    /// <summary>The framework throws, rather than answers, on a charset it has no decoder for.</summary>
    private static bool HasKnownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(mediaType.Charset.Value!.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A validation problem with one message for one field.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Turns a JSON path such as <c>$.notifications[2].data</c> into <c>notifications[2].data</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
