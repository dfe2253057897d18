import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// Constructing the pack starts the gRPC server the Pulumi CLI talks to; it reads ./package.json for the version.
new PolicyPack("personio-azuread", { policies });
