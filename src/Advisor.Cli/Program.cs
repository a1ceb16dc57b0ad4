using DeployAdvisor.Cli;

return CliApp.Run(args);
