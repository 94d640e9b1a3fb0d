using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EventReview.Hosting;

/// <summary>
/// Every JSON command body is read by <see cref="CommandJson"/>, which refuses text the database cannot store and
/// words each refusal for the client. A JSON body of <c>null</c> is refused with 400 before the endpoint runs, as an
/// empty or malformed body already is; without this every command's validation would meet a null command and answer 500.
/// </summary>
public sealed class RequiredJsonBody(CommandJson commands) : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var check = typeof(RequiredJsonBody).GetMethod(nameof(Check))!;
        foreach (var chain in chains.Where(c => c.HasRequestType && !c.IsFormData && !c.RequestType!.IsValueType))
        {
            commands.Register(chain.RequestType!);
            var call = new MethodCall(typeof(RequiredJsonBody), check.MakeGenericMethod(chain.RequestType!)) { CommentText = "A null JSON body is a 400" };
            // Endpoints' own Validate methods create a 'problemDetails' variable too.
            call.ReturnVariable!.OverrideName("bodyProblem");
            chain.Middleware.Insert(0, call);
        }
    }

    public static ProblemDetails Check<T>(T? body) where T : class =>
        body is null ? Problems.Invalid("The request body must be a JSON object.") : Problems.None;
}
