"""The Convertly CDK app: a thin stack composed of one construct per capability."""
