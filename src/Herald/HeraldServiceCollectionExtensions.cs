using Herald.Auth;
using Herald.Delivery;
using Herald.Http;
using Herald.Inbox;
using Herald.Realtime;
using Herald.Sending;
using Herald.Topics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald;

/// <summary>Registers Herald in a host application.</summary>
public static class HeraldServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sender, the outbox dispatcher, the hub and the inbox. Settings come from
    /// <paramref name="configuration"/> (the <c>Herald</c> section: <c>UserIdClaim</c>,
    /// <c>MaxReplay</c>, <c>Outbox:*</c>) when given. Choose the storage on the returned builder.
    /// </summary>
    public static HeraldBuilder AddHerald(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var herald = services.AddOptions<HeraldOptions>().ValidateDataAnnotations().ValidateOnStart();
        var outbox = services.AddOptions<OutboxOptions>()
            .ValidateDataAnnotations()
            .Validate(
                o => o.DurationsArePositive,
                "Herald:Outbox durations (SweepInterval, ClaimLease, RetryBaseDelay, RetryMaxDelay, CleanupInterval, ChannelTimeout) must be positive.")
            .ValidateOnStart();

        if (configuration is not null)
        {
            herald.Bind(configuration);
            outbox.Bind(configuration.GetSection("Outbox"));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        services.AddSignalR();
        services.AddAuthorizationBuilder().AddPolicy(HeraldOptions.UserPolicy, policy => policy
            .RequireAuthenticatedUser()
            .AddRequirements(new HeraldUserRequirement()));
        services.AddSingleton<IAuthorizationHandler, HeraldUserRequirement.Handler>();

        services.AddScoped<INotificationSender, NotificationSender>();
        services.AddMetrics();
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<CommitSignalInterceptor>();
        services.AddSingleton<NotificationPublisher>();
        services.AddSingleton<ConnectedUsers>();
        services.AddSingleton<IInboxObserver>(sp => sp.GetRequiredService<NotificationPublisher>());
        services.AddSingleton<IDeliveryChannel, InAppChannel>();
        services.AddScoped<InboxService>();
        services.AddScoped<TopicSubscriptions>();
        services.AddSingleton<FanOutWriter>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        return new HeraldBuilder(services);
    }
}
