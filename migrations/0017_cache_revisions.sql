-- Every write to `workflows` or `subscribers` bumps its environment's revision in the same statement, so the
-- per-isolate caches of the trigger path (src/db/revision-cache.ts) are invalidated by any writer, whatever code
-- path it took.
ALTER TABLE `environments` ADD `workflows_revision` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `environments` ADD `subscribers_revision` integer DEFAULT 0 NOT NULL;
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
--> statement-breakpoint
CREATE TRIGGER `subscribers_revision_insert` AFTER INSERT ON `subscribers`
BEGIN
	UPDATE `environments` SET `subscribers_revision` = `subscribers_revision` + 1 WHERE `id` = NEW.`environment_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `subscribers_revision_update` AFTER UPDATE ON `subscribers`
BEGIN
	UPDATE `environments` SET `subscribers_revision` = `subscribers_revision` + 1
	WHERE `id` IN (OLD.`environment_id`, NEW.`environment_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `subscribers_revision_delete` AFTER DELETE ON `subscribers`
BEGIN
	UPDATE `environments` SET `subscribers_revision` = `subscribers_revision` + 1 WHERE `id` = OLD.`environment_id`;
END;
