using System.CommandLine;
using System.Text.Json.Nodes;
using EventOrch.ClientRuntime.ApiClient;
using EventOrch.Cli.Resources;
using EventOrch.Cli.Rollout;
using EventOrch.Cli.Terminal;
using EventOrch.Contracts.Model;

namespace EventOrch.Cli.Commands;

/// <summary><c>eoctl rollout undo deploy/NAME [--to-revision=N]</c>: rolls a Deployment back to the template of an earlier
/// revision (<see cref="RolloutUndo"/>), with a JSON patch as kubectl sends it, or a compare-and-swap PUT of the same
/// change where the Api takes no JSON patch.</summary>
public static class RolloutUndoCommand
{
    private const int Attempts = 5;

    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var resources = new Argument<string[]>("resource") { Description = "deploy/NAME, or deploy NAME", Arity = ArgumentArity.OneOrMore };
        var toRevision = new Option<long>("--to-revision") { Description = "The revision to go back to (0: the one before the current)", DefaultValueFactory = _ => 0 };
        var command = new Command("undo", "Roll a Deployment back to an earlier revision") { resources, toRevision };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(console, global.Read(result), async session =>
        {
            var target = await TargetObjects.OneAsync(session, result.GetValue(resources)!, "rollout undo", cancellationToken);
            if (target.Resource is not { Group: "apps", Kind: "Deployment" })
                throw new CliException($"no rollbacker has been implemented for {target.Resource.Kind}: rollout undo rolls Deployments back");
            await console.Out.WriteLineAsync(await UndoAsync(session, target, result.GetValue(toRevision), cancellationToken));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<string> UndoAsync(Session session, TargetObject target, long toRevision, CancellationToken cancellationToken)
    {
        var kinds = await session.KindsAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var deployment = await session.Api.GetObjectAsync(target.Resource, target.Namespace, target.Name, cancellationToken)
                ?? throw new ApiException(new Contracts.Model.Status
                {
                    Code = 404, Reason = Contracts.Model.StatusReasons.NotFound, Message = $"deployments.apps \"{target.Name}\" not found",
                });
            if (deployment["spec"]?["paused"] is JsonValue paused && paused.TryGetValue<bool>(out var isPaused) && isPaused)
                throw new CliException("you cannot rollback a paused deployment; resume it first and try again");
            var replicaSets = await DeploymentRevisions.ReplicaSetsOfAsync(session.Api, kinds, deployment, cancellationToken);
            var revision = RolloutUndo.FindRevision(target.Name, replicaSets, toRevision);
            if (DeploymentConventions.SameTemplateIgnoringHash(DeploymentRevisions.TemplateOf(revision), DeploymentRevisions.TemplateOf(deployment)))
                return $"{target.Display} skipped rollback (current template already matches revision {DeploymentRevisions.Revision(revision)})";
            var (template, annotations) = RolloutUndo.Restore(deployment, revision);
            var path = target.Resource.ItemPath(target.Namespace, target.Name);
            try
            {
                var patch = new JsonArray(
                    new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template.DeepClone() },
                    new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = annotations.DeepClone() });
                await session.Api.SendJsonAsync(HttpMethod.Patch, path, patch, "application/json-patch+json", cancellationToken: cancellationToken);
            }
            catch (ApiException ex) when (ex.Code == 415)
            {
                // No JSON patch on this Api: the same change as a PUT on the object just read (409 if it changed since).
                deployment["spec"]!["template"] = template;
                ((JsonObject)deployment["metadata"]!)["annotations"] = annotations;
                try
                {
                    await session.Api.ReplaceObjectAsync(target.Resource, target.Namespace, target.Name, deployment, cancellationToken);
                }
                catch (ApiException conflict) when (conflict.IsConflict && attempt < Attempts)
                {
                    continue;
                }
            }
            return $"{target.Display} rolled back";
        }
    }
}
