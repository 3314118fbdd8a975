using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Herald.Auth;

/// <summary>
/// The caller's token names a user Herald can store: a signed token without a usable user id
/// would otherwise send as nobody and read nobody's inbox.
/// </summary>
public sealed class HeraldUserRequirement : IAuthorizationRequirement
{
    internal sealed class Handler(IOptions<HeraldOptions> options) : AuthorizationHandler<HeraldUserRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HeraldUserRequirement requirement)
        {
            if (options.Value.UserIdOf(context.User) is not null)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
