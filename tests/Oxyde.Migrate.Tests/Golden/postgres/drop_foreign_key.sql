ALTER TABLE "posts" DROP CONSTRAINT "fk_posts_author_id";
