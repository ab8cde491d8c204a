-- Every write to `workflows` bumps its environment's revision in the same statement, so a per-isolate cache of
-- workflows (src/workflows/workflow-cache.ts) is invalidated by any writer, whatever code path it took.
ALTER TABLE `environments` ADD `workflows_revision` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `workflows_revision_insert` AFTER INSERT ON `workflows`
BEGIN
	UPDATE `environments` SET `workflows_revision` = `workflows_revision` + 1 WHERE `id` = NEW.`environment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `workflows_revision_update` AFTER UPDATE ON `workflows`
BEGIN
	UPDATE `environments` SET `workflows_revision` = `workflows_revision` + 1
	WHERE `id` IN (OLD.`environment_id`, NEW.`environment_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `workflows_revision_delete` AFTER DELETE ON `workflows`
BEGIN
	UPDATE `environments` SET `workflows_revision` = `workflows_revision` + 1 WHERE `id` = OLD.`environment_id`;
END;
