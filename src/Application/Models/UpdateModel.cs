using FluentValidation;
using Invoke.Application.Persistence;
using Invoke.Application.Security;
using Invoke.Application.Validation;
using Invoke.Application.Workflows;
using Invoke.Domain.Models;
using Mediator;

namespace Invoke.Application.Models;

/// <summary>Changes a model's config: name, description, base, type, format and settings.</summary>
[RequireAdmin]
public sealed record UpdateModelCommand(string Key, ModelChanges Changes) : ICommand<RawJson>;

internal sealed class UpdateModelValidator : AbstractValidator<UpdateModelCommand>
{
    public UpdateModelValidator()
    {
        RuleFor(c => c.Key).WithoutNul().OverridePropertyName("path.key");
        RuleFor(c => c.Changes).SetValidator(new ModelChangesValidator()).OverridePropertyName(string.Empty);
    }
}

internal sealed class UpdateModelHandler(IAppDbContext db, TimeProvider time) : ICommandHandler<UpdateModelCommand, RawJson>
{
    public async ValueTask<RawJson> Handle(UpdateModelCommand command, CancellationToken cancellationToken)
    {
        var model = await db.Models.GetAsync(command.Key, cancellationToken);
        model.Update(command.Changes, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return new RawJson(model.Config);
    }
}
