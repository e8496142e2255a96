using System.CommandLine;
using Vae.Dsl.Cli.Commands;

var root = new RootCommand("Vae.Dsl: train and evaluate the variational autoencoders declared in models/*.vae.yaml.")
{
    TrainCommand.Create(),
    ModelsCommand.Create(),
};
return root.Parse(args).Invoke();
