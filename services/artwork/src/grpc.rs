//! The tonic glue of `artstation.artwork.v1.ArtworkService`: authenticate, hand the request to
//! the feature that owns it, return its answer. No behaviour lives here.

use artstation_common::jwt::authenticate;
use artstation_proto::artwork::v1 as pb;
use tonic::{Request, Response, Status, Streaming};

use crate::ArtworkService;
use crate::changes::anonymous;
use crate::feed::FeedStream;
use crate::read::ImageStream;

#[tonic::async_trait]
impl pb::artwork_service_server::ArtworkService for ArtworkService {
    async fn create_artwork(
        &self,
        req: Request<Streaming<pb::UploadRequest>>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        let created = self.state.create(claims, req.into_inner()).await;
        artstation_common::telemetry::metrics::upload(&created);
        Ok(Response::new(created?))
    }

    async fn get_artwork(
        &self,
        req: Request<pb::GetArtworkRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = self.state.optional_caller(&req).await?;
        let anonymous = caller.is_none();
        let artwork = self.state.get(caller, &req.into_inner().id).await?;
        // Only an anonymous reader's view (so a public work) may be kept by a shared cache.
        Ok(self.state.shareable(anonymous, artwork).await)
    }

    async fn list_artworks(
        &self,
        req: Request<pb::ListArtworksRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let anonymous = anonymous(&req);
        let page = self.state.list(req.into_inner()).await?;
        Ok(self.state.shareable(anonymous, page).await)
    }

    async fn update_artwork(
        &self,
        req: Request<pb::UpdateArtworkRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.update(&caller, req.into_inner()).await?,
        ))
    }

    async fn delete_artwork(
        &self,
        req: Request<pb::DeleteArtworkRequest>,
    ) -> Result<Response<pb::DeleteArtworkResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        self.state.delete(&caller, &req.into_inner().id).await?;
        Ok(Response::new(pb::DeleteArtworkResponse {}))
    }

    async fn reprice(
        &self,
        req: Request<pb::RepriceRequest>,
    ) -> Result<Response<pb::RepriceResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.reprice(&caller, req.into_inner()).await?,
        ))
    }

    async fn set_favorite(
        &self,
        req: Request<pb::SetFavoriteRequest>,
    ) -> Result<Response<pb::SetFavoriteResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        self.state.set_favorite(&caller, req.into_inner()).await?;
        Ok(Response::new(pb::SetFavoriteResponse {}))
    }

    async fn list_favorites(
        &self,
        req: Request<pb::ListFavoritesRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.favorites(&caller, req.into_inner()).await?,
        ))
    }

    async fn popular(
        &self,
        req: Request<pb::PopularRequest>,
    ) -> Result<Response<pb::CachedArtworks>, Status> {
        let anonymous = anonymous(&req);
        let list = self.state.popular(req.into_inner()).await?;
        Ok(self.state.shareable(anonymous, list).await)
    }

    async fn recommendations(
        &self,
        req: Request<pb::RecommendationsRequest>,
    ) -> Result<Response<pb::CachedArtworks>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state
                .recommendations(&caller, req.into_inner())
                .await?,
        ))
    }

    async fn list_categories(
        &self,
        req: Request<pb::ListCategoriesRequest>,
    ) -> Result<Response<pb::ListCategoriesResponse>, Status> {
        let categories = self.state.categories().await?;
        Ok(self.state.shareable(anonymous(&req), categories).await)
    }

    async fn put_category(
        &self,
        req: Request<pb::Category>,
    ) -> Result<Response<pb::Category>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.put_category(&caller, req.into_inner()).await?,
        ))
    }

    async fn get_sale(
        &self,
        req: Request<pb::GetSaleRequest>,
    ) -> Result<Response<pb::Sale>, Status> {
        let sale = self.state.sale().await?;
        Ok(self.state.shareable(anonymous(&req), sale).await)
    }

    async fn set_sale(&self, req: Request<pb::Sale>) -> Result<Response<pb::Sale>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.set_sale(&caller, req.into_inner()).await?,
        ))
    }

    async fn moderate(
        &self,
        req: Request<pb::ModerateRequest>,
    ) -> Result<Response<pb::Artwork>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.moderate(&caller, req.into_inner()).await?,
        ))
    }

    type ReadImageStream = ImageStream;

    async fn read_image(
        &self,
        req: Request<pb::ReadImageRequest>,
    ) -> Result<Response<ImageStream>, Status> {
        let caller = self.state.optional_caller(&req).await?;
        Ok(Response::new(
            self.state.read_image(caller, req.into_inner()).await?,
        ))
    }

    async fn list_flagged_artworks(
        &self,
        req: Request<pb::ListArtworksRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.list_flagged(caller, req.into_inner()).await?,
        ))
    }

    async fn lookup_mine(
        &self,
        req: Request<pb::LookupMineRequest>,
    ) -> Result<Response<pb::LookupMineResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.lookup_mine(&caller, req.into_inner()).await?,
        ))
    }

    async fn list_mine(
        &self,
        req: Request<pb::ListMineRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.list_mine(&caller, req.into_inner()).await?,
        ))
    }

    async fn report_artwork(
        &self,
        req: Request<pb::ReportArtworkRequest>,
    ) -> Result<Response<pb::Report>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.report_artwork(&caller, req.into_inner()).await?,
        ))
    }

    async fn list_my_reports(
        &self,
        req: Request<pb::ListMyReportsRequest>,
    ) -> Result<Response<pb::ListReportsResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.my_reports(&caller, req.into_inner()).await?,
        ))
    }

    async fn appeal_moderation(
        &self,
        req: Request<pb::AppealModerationRequest>,
    ) -> Result<Response<pb::Appeal>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.appeal(&caller, req.into_inner()).await?,
        ))
    }

    async fn list_moderation_queue(
        &self,
        req: Request<pb::ModerationQueueRequest>,
    ) -> Result<Response<pb::ModerationQueueResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state
                .moderation_queue(&caller, req.into_inner())
                .await?,
        ))
    }

    async fn moderate_many(
        &self,
        req: Request<pb::ModerateManyRequest>,
    ) -> Result<Response<pb::ModerateManyResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.moderate_many(&caller, req.into_inner()).await?,
        ))
    }

    async fn dismiss_reports(
        &self,
        req: Request<pb::DismissReportsRequest>,
    ) -> Result<Response<pb::DismissReportsResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state
                .dismiss_reports(&caller, req.into_inner())
                .await?,
        ))
    }

    async fn public_moderation_log(
        &self,
        req: Request<pb::PublicModerationLogRequest>,
    ) -> Result<Response<pb::PublicModerationLogResponse>, Status> {
        let anonymous = anonymous(&req);
        let page = self.state.public_log(req.into_inner()).await?;
        Ok(self.state.shareable(anonymous, page).await)
    }

    async fn list_audit(
        &self,
        req: Request<artstation_common::audit::pb::ListAuditRequest>,
    ) -> Result<Response<artstation_common::audit::pb::ListAuditResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.list_audit(&caller, req.into_inner()).await?,
        ))
    }

    async fn follow(
        &self,
        req: Request<pb::FollowRequest>,
    ) -> Result<Response<pb::FollowResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.follow(&caller, req.into_inner()).await?,
        ))
    }

    async fn unfollow(
        &self,
        req: Request<pb::FollowRequest>,
    ) -> Result<Response<pb::FollowResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.unfollow(&caller, req.into_inner()).await?,
        ))
    }

    async fn list_feed(
        &self,
        req: Request<pb::ListFeedRequest>,
    ) -> Result<Response<pb::ListArtworksResponse>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.list_feed(&caller, req.into_inner()).await?,
        ))
    }

    type WatchChangesStream = crate::changes::ChangeStream;

    async fn watch_changes(
        &self,
        _: Request<pb::WatchChangesRequest>,
    ) -> Result<Response<Self::WatchChangesStream>, Status> {
        Ok(Response::new(self.state.watch_changes()))
    }

    type WatchFeedStream = FeedStream;

    async fn watch_feed(
        &self,
        req: Request<pb::WatchFeedRequest>,
    ) -> Result<Response<FeedStream>, Status> {
        let caller = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            self.state.watch_feed(&caller, req.into_inner()).await?,
        ))
    }
}

/// `artstation.artwork.v1.ArtworkInternal`: the service secret first, on every call; no user
/// token is even looked at.
#[tonic::async_trait]
impl pb::artwork_internal_server::ArtworkInternal for ArtworkService {
    async fn quote(
        &self,
        req: Request<pb::QuoteRequest>,
    ) -> Result<Response<pb::QuoteResponse>, Status> {
        self.state.check_service(req.metadata())?;
        Ok(Response::new(
            self.state.quote(&req.into_inner().artwork_id).await?,
        ))
    }

    async fn record_sale(
        &self,
        req: Request<pb::SaleRecord>,
    ) -> Result<Response<pb::RecordSaleResponse>, Status> {
        self.state.check_service(req.metadata())?;
        self.state.record_sale(req.into_inner()).await?;
        Ok(Response::new(pb::RecordSaleResponse {}))
    }

    async fn record_refund(
        &self,
        req: Request<pb::SaleRecord>,
    ) -> Result<Response<pb::RecordRefundResponse>, Status> {
        self.state.check_service(req.metadata())?;
        self.state.record_refund(req.into_inner()).await?;
        Ok(Response::new(pb::RecordRefundResponse {}))
    }
}
